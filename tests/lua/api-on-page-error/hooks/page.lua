function on_page(page, info)
  if info.url == "about.html" then return {url = "elsewhere.html"} end
end
