-- no os library: no commands, no environment, no files
os.execute("touch /tmp/shirube-pwned")
