local s, n = "", 0
for i = 0, 200000 - 1 do
  s = "item-" .. i .. ":" .. (i * 7)
  n = n + #(s .. "!" .. string.sub(s, 1, 4))
end
print(n)
