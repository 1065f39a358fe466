package reportqa.server.answer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

/**
 * The configured language model: LangChain4j's blocking and streaming chat models, and its name.
 *
 * @param chat for whole answers and query rewriting
 * @param streaming for streamed answers
 * @param name model name shown to users
 */
public record LanguageModel(ChatModel chat, StreamingChatModel streaming, String name) {
}
