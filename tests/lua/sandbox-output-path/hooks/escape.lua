-- pages stay inside the site
shirube.add_page{path = "../../outside.html", title = "x", html = "x"}
