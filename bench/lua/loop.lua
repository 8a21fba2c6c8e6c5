local s = 0
for i = 0, 30000000 - 1 do
  if i % 3 == 0 then s = s + i else s = s - 1 end
end
print(s)
