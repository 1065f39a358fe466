package reportqa.server.answer.generate;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

/**
 * The configured language model as LangChain4j's blocking and streaming chat models, and its name
 * (named so as not to be confused with LangChain4j's own {@code LanguageModel}).
 *
 * @param chat for whole answers and query rewriting
 * @param streaming for streamed answers
 * @param name model name shown to users
 */
public record ChatModels(ChatModel chat, StreamingChatModel streaming, String name) {}
