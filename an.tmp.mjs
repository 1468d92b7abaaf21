const {collectFacts}=await import("/work/main/dist/src/engine/collect.js");
const {FactCache}=await import("/work/main/dist/src/engine/cache.js");
const {loadConfig}=await import("/work/main/dist/src/config/config.js");
const {analyzeFacts}=await import("/work/main/dist/src/engine/analysis.js");
const inspector=await import("node:inspector"); 
const root="/work/main/bench/.data/scale-10";
const loaded=loadConfig(root);
const cache=FactCache.open("/tmp/c-an",root,JSON.stringify({}));
const facts=await collectFacts(root,loaded.config,[],{cache});
for (let i=0;i<3;i++){const t=performance.now(); const r=analyzeFacts(root,facts,loaded); console.log("analysis",(performance.now()-t).toFixed(0), r.report.findings.length);}
