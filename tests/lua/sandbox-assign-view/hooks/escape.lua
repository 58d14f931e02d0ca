shirube.site.guidelines[1].title = "forged"
