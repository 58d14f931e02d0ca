shirube_d(0,[
["index.html#s-87cfd27c","ルート","ルート","サブ と ページ。 "],
["page.html#s-256bc5c6","ページ","ページ",""],
["page.html#part","ページ","部分",""],
["sub/index.html#s-9f4cc039","サブ","サブ","戻る console.log(\"\u003ccode\u003e\");  "]
]);
