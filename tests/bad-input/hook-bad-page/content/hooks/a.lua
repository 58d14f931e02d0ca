shirube.add_page{path = "../escape.html", title = "x", html = "<p>x</p>"}
shirube.add_page{path = "assets/x.html", title = "x"}
