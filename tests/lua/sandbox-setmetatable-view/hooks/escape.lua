-- views are not tables: no metatable can be put on them
setmetatable(shirube.site.config, {__index = function() return "forged" end})
