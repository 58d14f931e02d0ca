-- Strings a hook provides: page titles, data fields rendered by a theme
-- template, HTML made with shirube.escape and shirube.markdown, and page
-- descriptions set in on_page. Written by tests/xss/generate.py.
local P = {"<script>__xss(1)</script>", "<img src=x onerror=__xss(2)>", "<svg onload=__xss(3)>", "<svg><script>__xss(4)</script></svg>", "\"><script>__xss(5)</script>", "'><img src=x onerror=__xss(6)>", "</title><script>__xss(7)</script>", "</textarea></noscript></style></xmp><script>__xss(8)</script>", "<iframe src=\"javascript:__xss(14)\"></iframe>", "<a href=\"javascript:__xss(15)\">click</a>", "<body onload=__xss(16)>", "<details open ontoggle=__xss(17)>", "<input autofocus onfocus=__xss(18)>", "\" onmouseover=\"__xss(19)\" x=\"", "' onfocus='__xss(20)' autofocus='", "{{{page.xss_raw}}}", "{{&page.xss_raw22}} {{=<% %>=}} <%{page.xss_raw22}%>", "{{{site.title}}} {{#page}}{{{xss_raw}}}{{/page}}", "<math><mtext><table><mglyph><style><img src=x onerror=__xss(24)>", "<noscript><p title=\"</noscript><img src=x onerror=__xss(25)>\">", "<object data=\"javascript:__xss(26)\"></object>", "<embed src=\"data:text/html,<script>__xss(27)</script>\">", "<form action=\"javascript:__xss(28)\"><button>go</button></form>", "＜script＞__xss(29)＜/script＞", " </script><script>__xss(30)</script> ", "\\u003cscript\\u003e__xss(31)\\u003c/script\\u003e", "&lt;img src=x onerror=__xss(32)&gt;", "<img src=x onerror=__xss(33)//", "<scr<script>ipt>__xss(34)</scr</script>ipt>", "${__xss(35)}`;__xss(35);`", "%3Cscript%3E__xss(36)%3C%2Fscript%3E", "<base href=\"javascript:__xss(37)//\">", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:__xss(38)\">", "<!--<img src=x onerror=__xss(39)>--><img src=x onerror=__xss(39)>", "<svg><a xlink:href=\"javascript:__xss(40)\"><text y=\"20\">x</text></a></svg>", "<ſcript>__xss(41)</ſcript>", "\\x3cscript\\x3e__xss(42)\\x3c/script\\x3e", "<style>*{background:url(\"javascript:__xss(43)\")}</style><link rel=stylesheet href=\"data:text/css,*{}\">", "<video><source onerror=__xss(44)></video><audio src=x onerror=__xss(44)>", "<marquee onstart=__xss(45)>x</marquee>", "\"-__xss(46)-\"", "'-__xss(47)-'", "</script><img src=x onerror=__xss(48)>", "<a href=\"&#106;avascript:__xss(49)\">x</a>&#x3C;img src=x onerror=__xss(49)&#x3E;", "‮<img src=x onerror=__xss(50)>", "<img src=\"x` `<script>__xss(64)</script>\"` `>", "<div style=\"background:url(javascript:__xss(65))\" onclick=\"__xss(65)\">x</div>", "<a href=\" &#14;  javascript:__xss(66)\">x</a>", "<template><img src=x onerror=__xss(67)></template><slot onfocus=__xss(67)>", "<x onpointerenter=__xss(68) style=\"display:block;width:100vw;height:100vh\">", "<img/src/onerror=__xss(69)>", "<IMG SRC=x ONERROR=__xss(70)>"}
local items = {}
for i, p in ipairs(P) do items[#items + 1] = "<li>" .. shirube.escape(p) .. "</li>" end
shirube.add_page{
  path = "hook-page.html", title = "フック " .. P[1] .. P[5], nav = 30,
  description = "フックの説明 " .. P[2],
  html = "<h1>" .. shirube.escape(P[3]) .. "</h1><ul>" .. table.concat(items) .. "</ul>" ..
    shirube.markdown(table.concat(P, "\n\n") .. "\n\n[x](javascript:__xss(51)) <javascript:__xss(52)>"),
}
-- the glossary template, with data straight from Lua
local groups = {}
for i = 1, #P, 10 do
  local entries = {}
  for k = i, math.min(i + 9, #P) do
    entries[#entries + 1] = {id = "e" .. k, url = "about.html", title = P[k], title_en = P[k], reading = P[k],
      summary = shirube.escape(P[k]), synonyms = P[k]}
  end
  groups[#groups + 1] = {id = "g" .. i, label = P[i], entries = entries}
end
shirube.add_page{path = "hook-glossary.html", title = P[7], template = "glossary", data = {groups = groups}}
function on_page(page, info)
  if info.kind == "guideline" or info.kind == "page" then
    return {description = "on_page " .. P[(#info.id % #P) + 1]}
  end
end
