import { createRequire as __tdCreateRequire } from "node:module";
import { fileURLToPath as __tdFileURLToPath } from "node:url";
const require = __tdCreateRequire(import.meta.url);
const __filename = __tdFileURLToPath(import.meta.url);
const __dirname = __tdFileURLToPath(new URL(".", import.meta.url));
import{u as n}from"./chunk-LKO2RJ3C.mjs";import"./chunk-I77BQ7MM.mjs";import"./chunk-AT7HQZGF.mjs";import"./chunk-OT22UIGM.mjs";import{a as r}from"./chunk-7G3MEA7V.mjs";import{parentPort as a,workerData as P}from"node:worker_threads";var s=P.config,c=new Set,d=r(()=>import("./extract-WS4IBYIJ.mjs"),"extract"),p=Promise.resolve(),f=r(async e=>{let i=e.filter(t=>!c.has(t));if(i.length!==0){await(await d()).prepareParsers(new Set(i));for(let t of i)c.add(t)}},"prepare");a.on("message",e=>{p=p.then(async()=>{if("prepare"in e)return f(e.prepare);if("examine"in e){let{root:o,files:m,hashing:h,claims:l}=e.examine,x=n(o,m,s,h,l);a.postMessage({id:e.id,examined:x});return}let{factsFor:i}=await d(),t=[];for(let o of e.jobs)await f([o.kind]),t.push(i(o.path,o.kind,{text:o.text},s)??null);a.postMessage({id:e.id,results:t})}).catch(i=>{process.nextTick(()=>{throw i})})});
