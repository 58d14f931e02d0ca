-- no package library: no require, no C modules
local os = require("os")
