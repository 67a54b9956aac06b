import CopydeskCore
import Foundation

/// The page's style sheet and its one script, both inline so the file is self-contained.
///
/// The script pages the document list, filters documents and clusters by title as the reader types,
/// and shows the paging controls (hidden without JavaScript, when the first page is all there is). It
/// builds rows with `textContent`, never with markup, and uses no `eval`.
enum PageAssets {
    static let style = """
        :root{color-scheme:light}\
        body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:80em;padding:0 1em 3em;color:#1a1a1a;background:#fff}\
        .skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em;background:#fff;padding:.3em;z-index:1}\
        h1{font-size:1.6em;margin:.8em 0 .2em}h2{margin-top:2em;border-bottom:2px solid #bbb}h3{font-size:1.05em;margin:1.2em 0 .3em}\
        nav ul{display:flex;flex-wrap:wrap;gap:.3em 1.2em;padding:0;list-style:none}\
        a{color:#0b4f9c}a:focus,summary:focus,button:focus,input:focus{outline:3px solid #e8a200;outline-offset:2px}\
        .scroll{overflow-x:auto}table{border-collapse:collapse;margin:.5em 0}caption{text-align:left;font-weight:600;padding:.2em 0}\
        td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}thead th{background:#eef1f5}\
        tbody th{font-weight:normal;background:#fafafa}.num{text-align:right;font-variant-numeric:tabular-nums}\
        .notice{border-left:5px solid #b00020;background:#fdecef;padding:.5em 1em}\
        .search{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:1}\
        .search input{font:inherit;padding:.2em .4em;width:24em;max-width:90%}\
        figure{margin:1em 0}figcaption{font-weight:600}svg text{font:12px system-ui,sans-serif;fill:#1a1a1a}\
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(30em,1fr));gap:0 2em}\
        .legend{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 .8em;vertical-align:-.1em}\
        details.cluster{border:1px solid #ccc;border-radius:4px;margin:.3em 0;padding:.2em .6em}\
        details.cluster summary{cursor:pointer}\
        .pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}.pair>div{border:1px solid #ccc;padding:.5em;min-width:0}\
        .pair .text{white-space:pre-wrap;max-height:36em;overflow-y:auto;overflow-wrap:anywhere}\
        mark{background:#fff0a0;color:#1a1a1a}ins{text-decoration:none;background:#d8f0dc;border-bottom:2px solid #2b7a3d}\
        .pager{display:flex;gap:1em;align-items:center}button{font:inherit;padding:.2em .8em}\
        @media (max-width:50em){.pair{grid-template-columns:1fr}}
        """

    static let script = """
        (function(){"use strict";
        var data=document.getElementById("doc-data");var all=data?JSON.parse(data.textContent):[];
        var size=100,page=0,shown=all;
        var body=document.getElementById("doc-rows"),status=document.getElementById("doc-status");
        var prev=document.getElementById("doc-prev"),next=document.getElementById("doc-next");
        var search=document.getElementById("search"),found=document.getElementById("search-status");
        function render(){if(!body)return;var pages=Math.max(1,Math.ceil(shown.length/size));if(page>=pages)page=pages-1;
        var rows=document.createDocumentFragment();shown.slice(page*size,page*size+size).forEach(function(r){
        var tr=document.createElement("tr");for(var i=0;i<r.length;i++){var c=document.createElement(i?"td":"th");
        if(!i)c.scope="row";c.textContent=r[i];tr.appendChild(c);}rows.appendChild(tr);});body.replaceChildren(rows);
        status.textContent="Page "+(page+1)+" of "+pages+" ("+shown.length+" document"+(shown.length==1?"":"s")+")";
        prev.disabled=page==0;next.disabled=page>=pages-1;}
        if(prev){prev.addEventListener("click",function(){page--;render();});next.addEventListener("click",function(){page++;render();});
        document.getElementById("doc-pager").hidden=false;}
        if(search){search.addEventListener("input",function(){var q=search.value.trim().toLowerCase();
        shown=q?all.filter(function(r){return r[1].toLowerCase().indexOf(q)>=0;}):all;page=0;render();var n=0;
        document.querySelectorAll("details.cluster").forEach(function(d){var hit=!q||d.getAttribute("data-titles").indexOf(q)>=0;d.hidden=!hit;if(hit)n++;});
        found.textContent=q?shown.length+" document"+(shown.length==1?"":"s")+" and "+n+" cluster"+(n==1?"":"s")+" with \u{201C}"+search.value.trim()+"\u{201D} in a title":"";});}
        })();
        """

    /// The script's hash in the form a Content-Security-Policy names it.
    static let scriptHash: String = {
        var hash = SHA256()
        hash.update(Array(script.utf8))
        let hex = Array(hash.hexDigest().utf8)
        var digest: [UInt8] = []
        var index = 0
        while index + 1 < hex.count {
            digest.append(UInt8(String(decoding: hex[index...index + 1], as: UTF8.self), radix: 16) ?? 0)
            index += 2
        }
        return "sha256-" + Data(digest).base64EncodedString()
    }()
}
