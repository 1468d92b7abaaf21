import{createRequire as __cr}from'module';const require=__cr(import.meta.url);

// dist/src/util/collections.js
function pushTo(map, key, ...values) {
  const list = map.get(key);
  if (list)
    list.push(...values);
  else
    map.set(key, [...values]);
}

export {
  pushTo
};
