-- Are-We-Fast-Yet `storage`, the Lua peer of bench/programs/storage.tern:
-- the same tree of arrays, the same generator, the same iteration count.

local function rand_next(r)
  r.seed = (r.seed * 1309 + 13849) % 65536
  return r.seed
end

local function make_array(n)
  local a = {}
  for i = 1, n do a[i] = false end
  return a
end

local function build(depth, r, count)
  count.n = count.n + 1
  if depth == 1 then
    return make_array(rand_next(r) % 10 + 1)
  end
  local arr = make_array(4)
  for i = 1, 4 do arr[i] = build(depth - 1, r, count) end
  return arr
end

local function storage()
  local r, count = { seed = 74755 }, { n = 0 }
  build(7, r, count)
  return count.n
end

local function run(iterations)
  local ok = true
  for _ = 1, iterations do
    if storage() ~= 5461 then ok = false end
  end
  return ok
end

print(run(20))
