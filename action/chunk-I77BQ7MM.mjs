import { createRequire as __tdCreateRequire } from "node:module";
import { fileURLToPath as __tdFileURLToPath } from "node:url";
const require = __tdCreateRequire(import.meta.url);
const __filename = __tdFileURLToPath(import.meta.url);
const __dirname = __tdFileURLToPath(new URL(".", import.meta.url));
import{c as p,d as s}from"./chunk-OT22UIGM.mjs";import{a as i,d as f}from"./chunk-7G3MEA7V.mjs";var c=f(p(),1);function u(o,n,e){let r=e.dashboards?.length?l(e.dashboards):void 0,t=e.ruleFiles?.length?l(e.ruleFiles):void 0;return{inScope:!(n==="json"&&r!==void 0&&!r.ignores(o)&&!/(^|\/)tsconfig[^/]*\.json$/.test(o)||n==="yaml"&&t!==void 0&&!t.ignores(o)),forcedDashboard:r!==void 0,forcedRuleFile:t!==void 0}}i(u,"fileScope");function g(o,n,e,r){return u(o,n,r).inScope?{...s(o),problems:[e]}:void 0}i(g,"problemFacts");var d=new Map,l=i(o=>{let n=o.join("\0"),e=d.get(n);return e||d.set(n,e=(0,c.default)().add(o)),e},"globMatcher");export{u as a,g as b};
