-- shirube.helper: {{#helpers.NAME}}text{{/helpers.NAME}} calls the function
-- with the raw text; what it returns is rendered as a template.
shirube.helper("em", function(text) return "<em>" .. text .. "</em>" end)
shirube.helper("stamp", function(text)
  assert(text == nil)
  return "<b>stamp</b>"
end)
shirube.helper("none", function() return nil end)
local ok, err = pcall(shirube.helper, "em", function() end)
assert(not ok and err:find("'em' is already registered by content/hooks/helper.lua", 1, true), err)
ok, err = pcall(shirube.helper, "bad name", function() end)
assert(not ok and err:find("invalid name 'bad name'", 1, true), err)
shirube.add_page{path = "helper.html", title = "Helper", template = "helper-test"}
