-- shirube.escape: & < > " ' for HTML text and attributes.
local s = shirube.escape([[<a href="x">'Tom & Jerry'</a>]])
assert(s == "&lt;a href=&quot;x&quot;&gt;&#39;Tom &amp; Jerry&#39;&lt;/a&gt;", s)
assert(shirube.escape("日本語") == "日本語")
assert(shirube.escape("") == "")
assert(shirube.escape(12) == "12")
