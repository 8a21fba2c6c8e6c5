local function adder(k) return function(x) return x + k end end
local function counter() local c = 0; return function() c = c + 1; return c end end
local s, nxt = 0, counter()
for i = 0, 1000000 - 1 do
  local f = adder(i)
  s = s + f(nxt())
end
print(s)
