printf 'title: 表\nitems:\n  - {id: a, n: 1}\n  - id: b\n    tags: [x, y]\n' > data/list.yaml
printf 'a: [1, 2\n' > data/broken.yaml
ln -s /etc/passwd data/outside.yaml
