rawset(shirube.site.config, "title", "forged")
