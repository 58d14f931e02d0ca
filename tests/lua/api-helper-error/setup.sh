# a theme with a template that calls the helpers
cp -r "$ROOT/themes/default" theme
printf 'theme: theme\n' >> shirube.yaml
cat > theme/templates/helper-test.mustache <<'TPL'
{{<layout}}{{$content}}<p id="up">{{#helpers.em}}abc {{page.title}}{{/helpers.em}}</p><p id="var">{{helpers.stamp}}</p><p id="nil">[{{#helpers.none}}x{{/helpers.none}}]</p>{{/content}}{{/layout}}
TPL
