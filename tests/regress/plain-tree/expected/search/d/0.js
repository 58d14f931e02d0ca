shirube_d(0,[
["index.html#ルート","ルート","ルート","サブ と ページ。 "],
["page.html#ページ","ページ","ページ",""],
["page.html#part","ページ","部分",""],
["sub/index.html#サブ","サブ","サブ","戻る console.log(\"\u003ccode\u003e\");  "]
]);
