-- an error in a helper fails the build, at the helper's line
shirube.helper("em", function(text)
  error("cannot emphasise " .. text)
end)
shirube.helper("stamp", function() return 42 end)
shirube.helper("none", function() return {} end)
shirube.add_page{path = "helper.html", title = "Helper", template = "helper-test"}
