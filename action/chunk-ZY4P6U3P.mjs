import { createRequire as __tdCreateRequire } from "node:module";
import { fileURLToPath as __tdFileURLToPath } from "node:url";
const require = __tdCreateRequire(import.meta.url);
const __filename = __tdFileURLToPath(import.meta.url);
const __dirname = __tdFileURLToPath(new URL(".", import.meta.url));
import{a as o}from"./chunk-7G3MEA7V.mjs";import{readFileSync as g}from"node:fs";import{join as d}from"node:path";import{existsSync as m,readFileSync as p}from"node:fs";import{dirname as i,join as c}from"node:path";import{fileURLToPath as f}from"node:url";var t;function a(){if(t)return t;let r=i(f(import.meta.url));for(;;){let e=c(r,"package.json");if(m(e)&&JSON.parse(p(e,"utf8")).name==="telemetry-drift")return t=r;let n=i(r);if(n===r)throw new Error("telemetry-drift: cannot find its own package.json");r=n}}o(a,"packageRoot");var s=JSON.parse(g(d(a(),"package.json"),"utf8")),N=s.name,R=s.version;export{a,N as b,R as c};
