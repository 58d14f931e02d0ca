-- no debug library: the instruction budget and metatables stay in place
debug.sethook()
