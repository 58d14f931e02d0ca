ln -s note.txt data/inside
ln -s /etc/passwd data/outside
