//! The CSS and scripts every review page inlines (no network, no files to fetch).

pub const CSS: &str = r#"
:root{--bg:#fff;--fg:#1d1d1f;--mute:#666;--line:#ddd;--del:#ffd7d5;--ins:#cff5d2;--cite:#1a5fb4;--hl:#fff3a3}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;background:#f6f6f8;border-bottom:1px solid var(--line);padding:.5em 1em;z-index:2}
header h1{font-size:1.2em;margin:0 0 .2em}
main{padding:0 1em 4em}
nav a{margin-right:.8em}
.counts span[id]{font-weight:600}
#selfcheck{display:inline-block;font-size:.85em;padding:0 .4em;border-radius:3px;background:#eee}
#selfcheck[data-status=ok]{background:var(--ins)}
#selfcheck[data-status=fail]{background:var(--del)}
#js-errors{white-space:pre-wrap;color:#a00;margin:0}
pre.text{white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace}
h2{border-bottom:2px solid var(--line);margin-top:1.5em}
article{border:1px solid var(--line);border-radius:4px;padding:.5em .8em;margin:.8em 0}
.meta,.src,.none{color:var(--mute);font-size:.9em}
.kv{margin-right:.8em}
.pages{margin:.6em 0}.pages a,.pages b{margin-right:.5em}
.filters{margin:.5em 0;padding:.3em .6em;background:#fafafa;border:1px solid var(--line);border-radius:4px}
.filters label{margin-right:1em}
table.list{border-collapse:collapse;font-size:.9em;margin:.4em 0;width:100%}
table.list td,table.list th{border:1px solid var(--line);padding:2px 5px;vertical-align:top;text-align:left}
table.list th[data-sort]{cursor:pointer;text-decoration:underline dotted}
td.num,th.num{text-align:right}
tr.hidden{display:none}
table.sbs{width:100%;border-collapse:collapse;table-layout:fixed;font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
table.sbs td,table.sbs th{border-top:1px solid #f0f0f0;vertical-align:top;padding:1px 4px;white-space:pre-wrap;overflow-wrap:anywhere}
table.sbs th.ln,table.sbs td.ln{width:7em;color:var(--mute);font-size:.85em}
tr.chg td.raw{background:#fff8f7}
tr.chg td.clean{background:#f5fff6}
tr.dropped td.raw{text-decoration:line-through;text-decoration-color:#c00}
tr.moved td.raw,tr.moved td.clean{background:#eef4ff}
.note{color:var(--mute);font-size:.85em;font-style:italic}
body.only-changed tr.same{display:none}
.edit{background:var(--del);border-bottom:1px solid #c00}
.pt{color:#c00;font-weight:bold}
.sugg{outline:1px dashed #b58900}
mark.hl{background:var(--hl);outline:1px solid #d4b000}
ins{background:var(--ins);text-decoration:none}
.rule{display:inline-block;font:11px ui-monospace,monospace;background:#eef;border:1px solid #ccd;border-radius:3px;padding:0 3px;margin:1px}
table.repairs{border-collapse:collapse;font-size:.9em;margin:.4em 0}
table.repairs td,table.repairs th{border:1px solid var(--line);padding:2px 5px;vertical-align:top}
tr.suggested{background:#fffbe6}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:.6em}
.side{border:1px solid var(--line);border-radius:4px;padding:.3em .6em;background:#fafafa}
.side h4{margin:.2em 0}
.review-flag{color:#b58900;font-weight:600}
.statement{font-weight:600;margin:.2em 0}
q{quotes:"\201C" "\201D"}
.qc{color:var(--mute)}
.cite-missing,.missing{color:#a00}
.edit,.pt,a.anchor,mark.hl{scroll-margin-top:9em}
"#;

/// Runs first: catches every script error and console error into the page.
pub const JS_HEAD: &str = r#"
(function(){
  var errors=[];
  function show(){var e=document.getElementById('js-errors');if(e){e.setAttribute('data-count',String(errors.length));e.textContent=errors.join('\n');}}
  window.fsReport=function(msg){errors.push(String(msg));show();var s=document.getElementById('selfcheck');if(s){s.setAttribute('data-status','fail');}};
  window.fsErrors=function(){return errors.slice();};
  window.onerror=function(m,src,line,col){window.fsReport('error: '+m+' at '+line+':'+col);};
  window.addEventListener('unhandledrejection',function(ev){window.fsReport('unhandled rejection: '+ev.reason);});
  var ce=console.error;console.error=function(){window.fsReport('console.error: '+Array.prototype.join.call(arguments,' '));return ce.apply(console,arguments);};
  document.addEventListener('DOMContentLoaded',show);
})();
"#;

/// Runs last on every page: compares what is rendered with the declared counts.
pub const JS_CHECK: &str = r##"
(function(){
  var problems=[];
  function distinct(sel,attr){
    var seen={},n=0,els=document.querySelectorAll(sel);
    for(var i=0;i<els.length;i++){
      var keys=(els[i].getAttribute(attr)||'').split(' ');
      for(var k=0;k<keys.length;k++){if(keys[k]&&!seen[keys[k]]){seen[keys[k]]=1;n++;}}
    }
    return n;
  }
  var cs=document.querySelectorAll('[data-sel]');
  for(var c=0;c<cs.length;c++){
    var el=cs[c],sel=el.getAttribute('data-sel'),attr=el.getAttribute('data-distinct');
    var got=attr?distinct(sel,attr):document.querySelectorAll(sel).length;
    var want=Number(el.getAttribute('data-count'));
    el.setAttribute('data-rendered',String(got));
    if(want!==got){problems.push(el.id+': '+got+' rendered, '+want+' expected');}
  }
  var links=document.querySelectorAll('a[href^="#"]'),broken=0;
  for(var l=0;l<links.length;l++){
    var t=decodeURIComponent(links[l].getAttribute('href').slice(1));
    if(t&&t.indexOf('raw=')!==0&&!document.getElementById(t)){broken++;if(broken<5){problems.push('broken link #'+t);}}
  }
  var bl=document.getElementById('count-broken-links');
  if(bl){bl.setAttribute('data-count',String(broken));bl.textContent=String(broken);}
  var errs=window.fsErrors?window.fsErrors():[];
  var s=document.getElementById('selfcheck');
  var status=(problems.length||errs.length)?'fail':'ok';
  s.setAttribute('data-status',status);
  s.setAttribute('data-problems',String(problems.length+errs.length));
  s.setAttribute('data-ms',String(Math.round(performance.now())));
  s.setAttribute('data-nodes',String(document.getElementsByTagName('*').length));
  if(performance.memory){s.setAttribute('data-heap',String(performance.memory.usedJSHeapSize));}
  s.textContent=status==='ok'?'self-check ok':'self-check failed: '+problems.concat(errs).join('; ');
})();
"##;

/// A document page: "only changed lines", and `#raw=START-END` (raw file bytes, as in the
/// citations) highlights that passage in the raw text.
pub const JS_DOC: &str = r##"
(function(){
  var only=document.getElementById('only-changed');
  if(only){only.addEventListener('change',function(){document.body.classList.toggle('only-changed',only.checked);});}
  var tbl=document.querySelector('table.sbs');
  var enc=tbl?tbl.getAttribute('data-enc'):'utf-8';
  function width(cp){
    if(enc==='windows-1252'){return 1;}
    if(enc==='utf-16le'||enc==='utf-16be'){return cp>0xFFFF?4:2;}
    if(cp>=0x2400&&cp<=0x2421){return 1;}
    return cp<0x80?1:cp<0x800?2:cp<0x10000?3:4;
  }
  function clear(){
    var old=document.querySelectorAll('mark.hl');
    for(var i=0;i<old.length;i++){var p=old[i].parentNode;while(old[i].firstChild){p.insertBefore(old[i].firstChild,old[i]);}p.removeChild(old[i]);p.normalize();}
  }
  function highlight(){
    clear();
    var m=/^#raw=(\d+)-(\d+)$/.exec(location.hash);
    if(!m){return;}
    var s=Number(m[1]),e=Number(m[2]),first=null;
    var cells=document.querySelectorAll('td[data-r]');
    for(var c=0;c<cells.length;c++){
      var r=Number(cells[c].getAttribute('data-r'));
      if(r>=e){continue;}
      var w=document.createTreeWalker(cells[c],NodeFilter.SHOW_TEXT),nodes=[],n;
      while((n=w.nextNode())){nodes.push(n);}
      for(var k=0;k<nodes.length;k++){
        var node=nodes[k];
        if(node.parentNode.closest('.pt')){continue;}
        var t=node.nodeValue,i=0,a=-1,b=-1;
        while(i<t.length){
          var cp=t.codePointAt(i),len=cp>0xFFFF?2:1,cw=width(cp);
          if(r>=s&&r+cw<=e){if(a<0){a=i;}b=i+len;}
          r+=cw;i+=len;
        }
        if(a>=0){
          var mid=node.splitText(a);mid.splitText(b-a);
          var mk=document.createElement('mark');mk.className='hl';
          mid.parentNode.replaceChild(mk,mid);mk.appendChild(mid);
          if(!first){first=mk;}
        }
      }
    }
    if(first){document.body.classList.remove('only-changed');if(only){only.checked=false;}first.scrollIntoView({block:'center'});}
  }
  window.addEventListener('hashchange',highlight);
  highlight();
})();
"##;

/// A list page: filters (status, confidence, needs review, severity) and sortable columns.
pub const JS_LIST: &str = r##"
(function(){
  function v(id){var e=document.getElementById(id);return e?(e.type==='checkbox'?e.checked:e.value):'';}
  function rows(){return document.querySelectorAll('table.list tbody tr');}
  function apply(){
    var st=v('f-status'),lo=v('f-cmin'),hi=v('f-cmax'),rv=v('f-review'),sev=v('f-severity'),shown=0,rs=rows();
    for(var i=0;i<rs.length;i++){
      var d=rs[i].dataset,ok=true;
      if(st&&d.status!==st){ok=false;}
      if(lo!==''&&d.conf!==undefined&&Number(d.conf)<Number(lo)){ok=false;}
      if(hi!==''&&d.conf!==undefined&&Number(d.conf)>Number(hi)){ok=false;}
      if(rv&&d.review!=='true'){ok=false;}
      if(sev&&d.severity!==sev){ok=false;}
      rs[i].classList.toggle('hidden',!ok);
      if(ok){shown++;}
    }
    var out=document.getElementById('shown');if(out){out.textContent=String(shown);}
  }
  var ins=document.querySelectorAll('.filters input,.filters select');
  for(var i=0;i<ins.length;i++){ins[i].addEventListener('input',apply);ins[i].addEventListener('change',apply);}
  var ths=document.querySelectorAll('table.list th[data-sort]');
  for(var t=0;t<ths.length;t++){ths[t].addEventListener('click',function(){
    var key=this.getAttribute('data-sort'),num=this.hasAttribute('data-num');
    var dir=this.getAttribute('data-dir')==='asc'?-1:1;this.setAttribute('data-dir',dir===1?'asc':'desc');
    var body=this.closest('table').tBodies[0],list=Array.prototype.slice.call(body.rows);
    list.forEach(function(r,i){r._i=i;});
    list.sort(function(a,b){
      var x=a.getAttribute('data-'+key)||'',y=b.getAttribute('data-'+key)||'';
      var c=num?(Number(x)-Number(y)):(x<y?-1:x>y?1:0);
      return c!==0?dir*c:a._i-b._i;
    });
    for(var k=0;k<list.length;k++){body.appendChild(list[k]);}
  });}
  apply();
})();
"##;
