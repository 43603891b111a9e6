// uPlot with its stylesheet, imported only dynamically (RunChart): the bundler gives them a chunk of
// their own, read the first time a chart is shown, so the app's start does not carry them.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export default uPlot;
