// loader.js installs window.goconcCharts, which draws goconc charts.
// Every chart's inline script carries this code (compacted: comment lines
// and indentation are dropped, so no line may end in a comment), installs
// it once per page (a newer version replaces an older one) and then calls
// window.goconcCharts.draw(document.currentScript, spec).
// Keep it free of the sequence that closes a script element.
(function () {
  var version = 1;
  if (window.goconcCharts && window.goconcCharts.version >= version) {
    return;
  }
  // records of the charts drawn: {el, spec, chart, ro}
  var drawn = [];
  // the promise of the echarts module while it loads or once it has
  var loading = null;

  // baseURL is the Jupyter server's base URL, ending in a slash.
  function baseURL() {
    var b = document.body && document.body.getAttribute('data-base-url');
    var cfg = document.getElementById('jupyter-config-data');
    if (!b && cfg) {
      try {
        b = JSON.parse(cfg.textContent).baseUrl;
      } catch (e) {
        b = '';
      }
    }
    b = b || '/';
    return b.charAt(b.length - 1) === '/' ? b : b + '/';
  }

  // load returns a promise of the echarts module: window.echarts if the
  // page has it, else the kernelspec's copy, through RequireJS where the
  // page uses it (the UMD build then defines a module and no global). src
  // is the script's path below the base URL.
  function load(src) {
    if (window.echarts) {
      return Promise.resolve(window.echarts);
    }
    if (loading) {
      return loading;
    }
    var url = baseURL() + src;
    loading = new Promise(function (resolve, reject) {
      var req = window.require;
      var def = window.define;
      if (typeof req === 'function' && typeof req.config === 'function' && def && def.amd) {
        req.config({paths: {'goconc-echarts': url.replace(/\.js$/, '')}});
        req(['goconc-echarts'], resolve, function (err) {
          reject(new Error('could not load ' + url + ' (' + err.message + ')'));
        });
        return;
      }
      var s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onload = function () {
        if (window.echarts) {
          resolve(window.echarts);
        } else {
          reject(new Error(url + ' did not define echarts'));
        }
      };
      s.onerror = function () {
        reject(new Error('could not load ' + url));
      };
      document.head.appendChild(s);
    });
    loading.catch(function () {
      loading = null;
    });
    return loading;
  }

  // theme makes an ECharts theme from the page's colours: JupyterLab's CSS
  // variables where they are defined, else the text colour around el.
  // The font stays sans-serif: with JupyterLab's system-ui stack, ECharts
  // measures labels narrower than it draws them, and cuts them.
  function theme(el) {
    var cs = getComputedStyle(el);
    function v(name, dflt) {
      var x = cs.getPropertyValue(name);
      x = x && x.trim();
      return x || dflt;
    }
    var fg = v('--jp-ui-font-color1', v('--vscode-editor-foreground', cs.color || '#333'));
    var fg2 = v('--jp-ui-font-color2', fg);
    var line = v('--jp-border-color1', 'rgba(128,128,128,0.7)');
    var grid = v('--jp-border-color3', 'rgba(128,128,128,0.25)');
    var bg = v('--jp-layout-color1', '');
    var axis = {
      axisLine: {lineStyle: {color: line}},
      axisTick: {lineStyle: {color: line}},
      axisLabel: {color: fg2},
      splitLine: {lineStyle: {color: [grid]}},
      nameTextStyle: {color: fg2}
    };
    var t = {
      backgroundColor: 'transparent',
      textStyle: {color: fg, fontFamily: 'sans-serif'},
      title: {textStyle: {color: fg}, subtextStyle: {color: fg2}},
      legend: {textStyle: {color: fg}, pageTextStyle: {color: fg}},
      categoryAxis: axis,
      valueAxis: axis,
      logAxis: axis,
      timeAxis: axis,
      dataZoom: {textStyle: {color: fg2}, borderColor: grid},
      bar: {label: {color: fg, textBorderColor: 'transparent'}}
    };
    if (bg) {
      t.tooltip = {backgroundColor: bg, borderColor: line, textStyle: {color: fg}};
    }
    return t;
  }

  // sweep disposes of the charts whose element left the page, as outputs
  // that were cleared or updated in place do.
  function sweep() {
    drawn = drawn.filter(function (r) {
      if (r.el.isConnected) {
        return true;
      }
      if (r.ro) {
        r.ro.disconnect();
      }
      r.chart.dispose();
      return false;
    });
  }

  // fit sets the element's height: spec.narrow.height when the element is
  // at most spec.narrow.width wide (the option has a media query for it).
  function fit(el, spec) {
    var n = spec.narrow;
    var h = (n && el.clientWidth > 0 && el.clientWidth <= n.width ? n.height : spec.height) + 'px';
    if (el.style.height !== h) {
      el.style.height = h;
    }
  }

  function init(ec, r) {
    var old = ec.getInstanceByDom(r.el);
    if (old) {
      old.dispose();
    }
    r.chart = ec.init(r.el, theme(r.el), {renderer: 'canvas'});
    r.chart.setOption(r.spec.option);
  }

  // whenSized calls f once el has a width: an output may run its script
  // before it is attached to the page.
  function whenSized(el, f) {
    if (el.clientWidth > 0 || !window.ResizeObserver) {
      f();
      return;
    }
    var ro = new ResizeObserver(function () {
      if (el.clientWidth > 0) {
        ro.disconnect();
        f();
      }
    });
    ro.observe(el);
  }

  // fail shows the text table in place of the chart, and why.
  function fail(el, text, err) {
    el.style.height = 'auto';
    el.textContent = 'Chart not drawn: ' + err.message + '. The data:';
    el.style.fontStyle = 'italic';
    if (text) {
      text.style.display = '';
    }
    if (window.console) {
      console.warn('goconc chart:', err);
    }
  }

  function draw(script, spec) {
    var el = script && script.previousElementSibling;
    if (!el || el.id !== spec.id) {
      el = document.getElementById(spec.id);
    }
    if (!el) {
      return;
    }
    var text = el.previousElementSibling;
    if (text && text.tagName !== 'PRE') {
      text = null;
    }
    if (text) {
      text.style.display = 'none';
    }
    fit(el, spec);
    load(spec.src).then(function (ec) {
      whenSized(el, function () {
        fit(el, spec);
        sweep();
        var r = {el: el, spec: spec, ec: ec};
        init(ec, r);
        drawn.push(r);
        if (window.ResizeObserver) {
          r.ro = new ResizeObserver(function () {
            if (!r.chart.isDisposed()) {
              fit(el, spec);
              r.chart.resize();
            }
          });
          r.ro.observe(el);
        }
      });
    }, function (err) {
      fail(el, text, err);
    });
  }

  window.addEventListener('resize', function () {
    drawn.forEach(function (r) {
      if (!r.chart.isDisposed()) {
        fit(r.el, r.spec);
        r.chart.resize();
      }
    });
  });

  // JupyterLab marks its theme on the body: redraw with the new colours.
  if (window.MutationObserver && document.body) {
    new MutationObserver(function () {
      sweep();
      drawn.forEach(function (r) {
        init(r.ec, r);
      });
    }).observe(document.body, {attributes: true, attributeFilter: ['data-jp-theme-light', 'data-jp-theme-name']});
  }

  window.goconcCharts = {version: version, draw: draw, load: load};
})();
