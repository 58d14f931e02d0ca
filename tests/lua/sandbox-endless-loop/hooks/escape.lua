-- the instruction budget ends it
while true do end
