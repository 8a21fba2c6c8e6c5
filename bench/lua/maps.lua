local m, hits, size = {}, 0, 0
for i = 0, 200000 - 1 do
  m[i] = i * 2
  m["k" .. (i % 1000)] = i
end
for i = 0, 200000 - 1 do
  local v = m[i * 3]
  if v ~= nil then hits = hits + v end
  if i % 2 == 0 then m[i] = nil end
end
for _ in pairs(m) do size = size + 1 end
print(hits, size)
