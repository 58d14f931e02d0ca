-- one gigabyte: over the 64 MiB cap of the hook's allocator
local s = string.rep("x", 1e9)
