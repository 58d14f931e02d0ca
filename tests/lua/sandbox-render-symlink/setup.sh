# a theme whose template is a link to a file outside it: shirube.render must
# not read it (it published /etc/passwd through a template once)
cp -r "$ROOT/themes/default" theme
printf 'theme: theme\n' >> shirube.yaml
ln -s /etc/passwd theme/templates/leak.mustache
