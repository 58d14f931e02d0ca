shirube.error("最初の問題")
shirube.error("二つ目の問題: the hook goes on")
shirube.warn("still running")
