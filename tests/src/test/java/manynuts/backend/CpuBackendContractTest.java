package manynuts.backend;

import manynuts.backend.cpu.CpuBackend;

/** The CPU backend against the backend contract. */
class CpuBackendContractTest extends BackendContractTest {

    @Override
    protected Backend openBackend() {
        return new CpuBackend();
    }
}
