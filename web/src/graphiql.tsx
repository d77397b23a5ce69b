import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';

/** GraphiQL from its npm package, served by the API at /graphiql when introspection is on (no CDN). */
const fetcher = createGraphiQLFetcher({ url: `${location.origin}/graphql` });
const headers = JSON.stringify({ Authorization: 'Bearer <accessToken from the login mutation>' }, null, 2);
createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} defaultHeaders={headers} />);
