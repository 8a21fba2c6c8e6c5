local live, sum = {}, 0
for i = 0, 200000 - 1 do live[i] = {i, {i, i}} end
for round = 0, 20 - 1 do
  for j = 0, 100000 - 1 do
    local tmp = {j, round, {j}}
    sum = sum + #tmp
  end
  for k = 0, 1000 - 1 do live[k * 197] = {round, k} end
end
local size = 0
for _ in pairs(live) do size = size + 1 end
print(sum, size)
