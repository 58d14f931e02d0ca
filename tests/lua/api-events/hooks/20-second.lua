local seen = false
for _, p in ipairs(shirube.site.pages) do
  if p.url == "first.html" then seen = true end
end
assert(seen, "pages added by earlier hooks are in shirube.site")
assert(order == nil, "each hook has its own globals")
function on_site(site)
  assert(site == shirube.site)
  shirube.add_page{path = "second.html", title = "二番目"}
end
function on_page(page, info)
  assert(info.kind and info.url and info.template and info.title)
  if info.url == "second.html" then
    assert(page.title == "二番目")
    return {title = "二番目（変更）", extra = {1, 2, 3}}
  end
  if info.url == "about.html" then
    assert(page.description == "on_page で付けた説明", "on_page of earlier hooks ran first")
    local ok, err = pcall(shirube.add_page, {path = "late.html", title = "late"})
    assert(not ok and err:find("only available at the top level of a hook and in on_site", 1, true), err)
  end
end
