local ok, err = pcall(shirube.render, "leak", {})
assert(not ok and err:find("leak: template not found", 1, true), err)
shirube.add_page{path = "leak.html", title = "leak", html = tostring(ok)}
