// A stand-in for NVIDIA's NVRTC (libnvrtc.so.12): every call that JCuda's JNI library for NVRTC imports, so that
// the backend's NVRTC path runs on a machine that has nvcc but no NVRTC for CUDA 12. A program compiles with nvcc
// (whose path is fixed when this library is built): its source and its in-memory headers are written to a fresh
// folder, NVRTC's options become nvcc's, and nvcc's messages become the program's log. The PTX is nvcc's, so its ISA
// is nvcc's own; the backend lowers it to the driver's as it does NVRTC's. Outputs other than PTX (CUBIN, LTO-IR,
// NVVM, OptiX IR) and name expressions are not served: those calls say so with an error.
#include <sys/wait.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#ifndef STANDIN_NVCC
#error "build with -DSTANDIN_NVCC=\"/path/to/nvcc\""
#endif

#define NVRTCAPI extern "C" __attribute__((visibility("default")))

namespace {

enum nvrtcResult {
    NVRTC_SUCCESS = 0,
    NVRTC_ERROR_OUT_OF_MEMORY = 1,
    NVRTC_ERROR_PROGRAM_CREATION_FAILURE = 2,
    NVRTC_ERROR_INVALID_INPUT = 3,
    NVRTC_ERROR_INVALID_PROGRAM = 4,
    NVRTC_ERROR_INVALID_OPTION = 5,
    NVRTC_ERROR_COMPILATION = 6,
    NVRTC_ERROR_BUILTIN_OPERATION_FAILURE = 7,
    NVRTC_ERROR_NO_NAME_EXPRESSIONS_AFTER_COMPILATION = 8,
    NVRTC_ERROR_NO_LOWERED_NAMES_BEFORE_COMPILATION = 9,
    NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID = 10,
    NVRTC_ERROR_INTERNAL_ERROR = 11,
};

struct Program {
    std::string source;
    std::string name;
    std::vector<std::pair<std::string, std::string>> headers;  // include name, content
    std::string ptx;
    std::string log;
    bool compiled = false;
};

// NVRTC's spelling of an option, and nvcc's; an option not listed is refused as NVRTC refuses one it does not know.
bool nvcc_option(const std::string& option, std::string& translated) {
    static const std::pair<const char*, const char*> prefixes[] = {
        {"--gpu-architecture=", "-arch="}, {"-arch=", "-arch="}, {"--std=", "-std="}, {"-std=", "-std="},
        {"--fmad=", "-fmad="}, {"-fmad=", "-fmad="}, {"--define-macro=", "-D"}, {"-D", "-D"},
        {"--include-path=", "-I"}, {"-I", "-I"}};
    for (const auto& [nvrtc, nvcc] : prefixes) {
        size_t length = std::strlen(nvrtc);
        if (option.compare(0, length, nvrtc) == 0) {
            translated = nvcc + option.substr(length);
            return true;
        }
    }
    return false;
}

std::string shell_quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

nvrtcResult compile(Program& program, const std::vector<std::string>& options) {
    std::string command = std::string(STANDIN_NVCC) + " -ptx";
    for (const std::string& option : options) {
        std::string translated;
        if (!nvcc_option(option, translated)) {
            program.log = "nvrtc: error: unrecognized option " + option + "\n";
            return NVRTC_ERROR_INVALID_OPTION;
        }
        command += " " + shell_quoted(translated);
    }
    char folder_template[] = "/tmp/standin-nvrtc-XXXXXX";
    if (mkdtemp(folder_template) == nullptr) {
        program.log = "nvrtc: error: no temporary folder\n";
        return NVRTC_ERROR_INTERNAL_ERROR;
    }
    std::filesystem::path folder(folder_template);
    std::string source = program.name.empty() ? "default_program" : program.name;
    std::ofstream(folder / source) << program.source;
    for (const auto& [include, content] : program.headers) {
        std::filesystem::create_directories((folder / include).parent_path());
        std::ofstream(folder / include) << content;
    }
    command += " -I" + shell_quoted(folder.string()) + " -x cu -o " + shell_quoted((folder / "program.ptx").string()) + " "
        + shell_quoted((folder / source).string()) + " 2>&1";
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        std::filesystem::remove_all(folder);
        program.log = "nvrtc: error: cannot start nvcc\n";
        return NVRTC_ERROR_INTERNAL_ERROR;
    }
    char buffer[4096];
    size_t read;
    while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        output.append(buffer, read);
    }
    int status = pclose(pipe);
    program.log = output;
    nvrtcResult result = NVRTC_ERROR_COMPILATION;
    if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        std::ifstream ptx(folder / "program.ptx");
        std::stringstream text;
        text << ptx.rdbuf();
        program.ptx = text.str();
        program.compiled = true;
        result = NVRTC_SUCCESS;
    }
    std::filesystem::remove_all(folder);
    return result;
}

nvrtcResult copy_out(const std::string& text, char* out) {
    if (out == nullptr) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    std::memcpy(out, text.c_str(), text.size() + 1);
    return NVRTC_SUCCESS;
}

}  // namespace

typedef Program* nvrtcProgram;

NVRTCAPI const char* nvrtcGetErrorString(nvrtcResult result) {
    static const char* const names[] = {"NVRTC_SUCCESS", "NVRTC_ERROR_OUT_OF_MEMORY",
        "NVRTC_ERROR_PROGRAM_CREATION_FAILURE", "NVRTC_ERROR_INVALID_INPUT", "NVRTC_ERROR_INVALID_PROGRAM",
        "NVRTC_ERROR_INVALID_OPTION", "NVRTC_ERROR_COMPILATION", "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE",
        "NVRTC_ERROR_NO_NAME_EXPRESSIONS_AFTER_COMPILATION", "NVRTC_ERROR_NO_LOWERED_NAMES_BEFORE_COMPILATION",
        "NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID", "NVRTC_ERROR_INTERNAL_ERROR"};
    return result >= 0 && result <= NVRTC_ERROR_INTERNAL_ERROR ? names[result] : "NVRTC_ERROR unknown";
}

NVRTCAPI nvrtcResult nvrtcVersion(int* major, int* minor) {
    if (major == nullptr || minor == nullptr) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    *major = 12;
    *minor = 6;
    return NVRTC_SUCCESS;
}

NVRTCAPI nvrtcResult nvrtcGetNumSupportedArchs(int* count) {
    if (count == nullptr) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    *count = 6;
    return NVRTC_SUCCESS;
}

NVRTCAPI nvrtcResult nvrtcGetSupportedArchs(int* archs) {
    if (archs == nullptr) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    const int supported[] = {75, 80, 86, 89, 90, 100};
    std::memcpy(archs, supported, sizeof supported);
    return NVRTC_SUCCESS;
}

NVRTCAPI nvrtcResult nvrtcCreateProgram(nvrtcProgram* program, const char* source, const char* name, int headers,
        const char* const* contents, const char* const* includes) {
    if (program == nullptr || source == nullptr || headers < 0
            || (headers > 0 && (contents == nullptr || includes == nullptr))) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    Program* created = new Program();
    created->source = source;
    created->name = name == nullptr ? "" : name;
    for (int h = 0; h < headers; h++) {
        if (contents[h] == nullptr || includes[h] == nullptr) {
            delete created;
            return NVRTC_ERROR_INVALID_INPUT;
        }
        created->headers.emplace_back(includes[h], contents[h]);
    }
    *program = created;
    return NVRTC_SUCCESS;
}

NVRTCAPI nvrtcResult nvrtcDestroyProgram(nvrtcProgram* program) {
    if (program == nullptr || *program == nullptr) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    delete *program;
    *program = nullptr;
    return NVRTC_SUCCESS;
}

NVRTCAPI nvrtcResult nvrtcCompileProgram(nvrtcProgram program, int count, const char* const* options) {
    if (program == nullptr) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    if (count < 0 || (count > 0 && options == nullptr)) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    std::vector<std::string> given;
    for (int o = 0; o < count; o++) {
        if (options[o] == nullptr) {
            return NVRTC_ERROR_INVALID_INPUT;
        }
        given.emplace_back(options[o]);
    }
    return compile(*program, given);
}

NVRTCAPI nvrtcResult nvrtcGetPTXSize(nvrtcProgram program, size_t* size) {
    if (program == nullptr) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    if (size == nullptr || !program->compiled) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    *size = program->ptx.size() + 1;
    return NVRTC_SUCCESS;
}

NVRTCAPI nvrtcResult nvrtcGetPTX(nvrtcProgram program, char* ptx) {
    if (program == nullptr) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    return program->compiled ? copy_out(program->ptx, ptx) : NVRTC_ERROR_INVALID_INPUT;
}

NVRTCAPI nvrtcResult nvrtcGetProgramLogSize(nvrtcProgram program, size_t* size) {
    if (program == nullptr) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    if (size == nullptr) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    *size = program->log.size() + 1;
    return NVRTC_SUCCESS;
}

NVRTCAPI nvrtcResult nvrtcGetProgramLog(nvrtcProgram program, char* log) {
    if (program == nullptr) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    return copy_out(program->log, log);
}

// Outputs this stand-in does not make, and name expressions: an error, never a silent empty result.
#define STANDIN_NVRTC_UNSERVED_OUTPUT(Size, Get, Type)                              \
    NVRTCAPI nvrtcResult Size(nvrtcProgram program, size_t* size) {                \
        return program == nullptr ? NVRTC_ERROR_INVALID_PROGRAM : NVRTC_ERROR_INVALID_INPUT; \
    }                                                                              \
    NVRTCAPI nvrtcResult Get(nvrtcProgram program, Type* out) {                    \
        return program == nullptr ? NVRTC_ERROR_INVALID_PROGRAM : NVRTC_ERROR_INVALID_INPUT; \
    }

STANDIN_NVRTC_UNSERVED_OUTPUT(nvrtcGetCUBINSize, nvrtcGetCUBIN, char)
STANDIN_NVRTC_UNSERVED_OUTPUT(nvrtcGetNVVMSize, nvrtcGetNVVM, char)
STANDIN_NVRTC_UNSERVED_OUTPUT(nvrtcGetLTOIRSize, nvrtcGetLTOIR, char)
STANDIN_NVRTC_UNSERVED_OUTPUT(nvrtcGetOptiXIRSize, nvrtcGetOptiXIR, char)

NVRTCAPI nvrtcResult nvrtcAddNameExpression(nvrtcProgram program, const char* expression) {
    return program == nullptr ? NVRTC_ERROR_INVALID_PROGRAM : NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID;
}

NVRTCAPI nvrtcResult nvrtcGetLoweredName(nvrtcProgram program, const char* expression, const char** lowered) {
    return program == nullptr ? NVRTC_ERROR_INVALID_PROGRAM : NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID;
}
