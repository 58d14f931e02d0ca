-- 3 million one-word list items (12 MB of text) reached 2.1 GB inside
-- cmark-gfm against the hook's 64 MiB cap: cmark-gfm's memory now counts
-- against what the hook has left, and the call fails when it runs out.
assert(shirube.markdown("- a\n- b\n"):find("<li>b</li>", 1, true))
local html = shirube.markdown(("- a\n"):rep(3000000))
