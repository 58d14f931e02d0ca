local s = shirube.read("data/passwd")
