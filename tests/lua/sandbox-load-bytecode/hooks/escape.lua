-- bytecode can crash the VM: load takes text chunks only
local f = load("\27Lua\84\0\25\147\13\10\26\10\4\8\8")
