-- shirube.add_page with a template and data, with html, with a view as
-- data, and in the navigation.
local url = shirube.add_page{path = "extra/data.html", title = "データのページ", template = "page",
  data = {body = "<p>from data</p>", description = "説明"}, nav = 5}
assert(url == "extra/data.html")
shirube.add_page{path = "extra/html.html", title = "HTML のページ", html = "<h1>見出し</h1><p>本文 &amp; more</p>",
  description = "html で作ったページ"}
shirube.add_page{path = "matrix-copy.html", title = "対応表の写し", template = "topics",
  data = {note = shirube.site.guidelines[1].coverage_list}}
