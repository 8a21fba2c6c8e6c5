local function make(d)
  if d == 0 then return {false, false} end
  return {make(d - 1), make(d - 1)}
end
local function check(t)
  if not t[1] then return 1 end
  return 1 + check(t[1]) + check(t[2])
end
local long_lived = make(16)
local total = 0
local d = 4
while d <= 16 do
  local iters = 20 - d
  for i = 0, iters - 1 do total = total + check(make(d)) end
  d = d + 2
end
print(total, check(long_lived))
