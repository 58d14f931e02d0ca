-- shirube.markdown: cmark-gfm with the site's rules: .md links become
-- .html, raw HTML and javascript: links are dropped.
local html = shirube.markdown("# 見出し\n\n*強調* と [リンク](other.md) <script>alert(1)</script> [悪い](javascript:alert(1))\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
assert(html:find("<em>強調</em>", 1, true), html)
assert(html:find('href="other.html"', 1, true), html)
assert(not html:find("<script", 1, true), html)
assert(not html:find("javascript:", 1, true), html)
assert(html:find("<table>", 1, true), html)
shirube.add_page{path = "md.html", title = "md", html = html}
