import { render } from 'preact';

render(<h1>Essor</h1>, document.getElementById('app')!);
