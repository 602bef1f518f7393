"""The zone dashboard (园区看板): reads the four services' events, never writes to their topics;
a live bilingual view, the public transparency page (政务公开) and the AsyncAPI contract."""
