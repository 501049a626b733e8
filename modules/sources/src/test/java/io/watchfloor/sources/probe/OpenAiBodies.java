package io.watchfloor.sources.probe;

/**
 * Answers of an OpenAI-compatible server. /work/shared/fixtures has no capture of these endpoints, so they are
 * written here in the shape vLLM's OpenAI server documents (GET /v1/models: {"object":"list","data":[...]};
 * POST /v1/completions: {"object":"text_completion","choices":[...],"usage":{...}}; errors:
 * {"object":"error","message":...}), with the fields the probe reads and a few it must ignore.
 */
final class OpenAiBodies {
    static final String MODELS_3 = """
            {"object":"list","data":[
              {"id":"meta-llama/Llama-3.1-8B-Instruct","object":"model","created":1732358400,"owned_by":"vllm",
               "root":"meta-llama/Llama-3.1-8B-Instruct","parent":null,"max_model_len":131072},
              {"id":"mistralai/Mistral-7B-Instruct-v0.3","object":"model","created":1732358400,"owned_by":"vllm",
               "root":"mistralai/Mistral-7B-Instruct-v0.3","parent":null,"max_model_len":32768},
              {"id":"sql-lora","object":"model","created":1732358400,"owned_by":"vllm",
               "root":"/adapters/sql-lora","parent":"meta-llama/Llama-3.1-8B-Instruct","max_model_len":null}]}
            """;

    static final String COMPLETION_1_TOKEN = """
            {"id":"cmpl-6b1c2f0e9d8a4c7b","object":"text_completion","created":1732358460,
             "model":"meta-llama/Llama-3.1-8B-Instruct",
             "choices":[{"index":0,"text":" pong","logprobs":null,"finish_reason":"length","stop_reason":null}],
             "usage":{"prompt_tokens":2,"total_tokens":3,"completion_tokens":1}}
            """;

    static final String COMPLETION_NO_CHOICES = """
            {"id":"cmpl-0","object":"text_completion","created":1732358460,"model":"m","choices":[],
             "usage":{"prompt_tokens":2,"total_tokens":2,"completion_tokens":0}}
            """;

    static final String MODEL_NOT_FOUND = """
            {"object":"error","message":"The model `gpt-x` does not exist.","type":"NotFoundError","param":null,"code":404}
            """;

    static final String OPENAI_KEY_REJECTED = """
            {"error":{"message":"Incorrect API key provided: %s. You can find your API key at https://example.invalid.",
             "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}
            """;

    private OpenAiBodies() {
    }
}
