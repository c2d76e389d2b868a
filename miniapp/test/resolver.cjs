// App code imports `@tarojs/components`; in the h5 build Taro aliases that to the React
// implementation, @tarojs/components-react. That package in turn imports `@tarojs/components`
// for the components it does not re-implement, meaning the web-component wrappers in
// `@tarojs/components/lib/react`. Mapping both to components-react would make it import itself
// ("Cannot access '_index10' before initialization"), so the mapping depends on who asks.
const path = require('node:path');

const COMPONENTS_REACT_DIR = `${path.sep}@tarojs${path.sep}components-react${path.sep}`;

module.exports = (request, options) => {
  if (request === '@tarojs/components') {
    const fromComponentsReact = options.basedir.includes(COMPONENTS_REACT_DIR);
    const target = fromComponentsReact ? '@tarojs/components/lib/react' : '@tarojs/components-react';
    return options.defaultResolver(target, options);
  }
  return options.defaultResolver(request, options);
};
