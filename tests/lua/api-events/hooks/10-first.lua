-- hooks run in name order, each with its own globals
order = "first"
shirube.add_page{path = "first.html", title = "最初"}
function on_page(page, info)
  if info.url == "about.html" then return {description = "on_page で付けた説明"} end
end
