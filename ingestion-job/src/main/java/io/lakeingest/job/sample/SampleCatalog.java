package io.lakeingest.job.sample;

import java.util.List;
import java.util.Random;

/** Reference values and random draws shared by the sample files. */
final class SampleCatalog {
  /** Real Olist category names; the last two have no English translation, as in the real file. */
  static final List<String> CATEGORIES = List.of(
      "cama_mesa_banho", "beleza_saude", "esporte_lazer", "moveis_decoracao",
      "informatica_acessorios", "utilidades_domesticas", "relogios_presentes", "telefonia",
      "ferramentas_jardim", "automotivo", "brinquedos", "cool_stuff", "perfumaria", "bebes",
      "eletronicos", "papelaria", "fashion_bolsas_e_acessorios", "pet_shop",
      "moveis_escritorio", "consoles_games", "malas_acessorios", "construcao_ferramentas_construcao",
      "eletrodomesticos", "instrumentos_musicais", "eletroportateis", "casa_construcao",
      "livros_interesse_geral", "alimentos", "moveis_sala", "casa_conforto", "bebidas",
      "audio", "market_place", "construcao_ferramentas_iluminacao", "climatizacao",
      "moveis_cozinha_area_de_servico_jantar_e_jardim", "alimentos_bebidas",
      "industria_comercio_e_negocios", "livros_tecnicos", "telefonia_fixa",
      "pc_gamer", "portateis_cozinha_e_preparadores_de_alimentos");
  static final int UNTRANSLATED = 2;

  static final List<String[]> CITIES = List.of(
      new String[] {"sao paulo", "SP"}, new String[] {"rio de janeiro", "RJ"},
      new String[] {"belo horizonte", "MG"}, new String[] {"brasilia", "DF"},
      new String[] {"curitiba", "PR"}, new String[] {"campinas", "SP"},
      new String[] {"porto alegre", "RS"}, new String[] {"salvador", "BA"},
      new String[] {"guarulhos", "SP"}, new String[] {"sao bernardo do campo", "SP"},
      new String[] {"niteroi", "RJ"}, new String[] {"santos", "SP"},
      new String[] {"franca", "SP"}, new String[] {"goiania", "GO"});

  /** Seller cities as dirty as the real file's: digits, an e-mail, slashes, accents. */
  static final List<String> DIRTY_SELLER_CITIES = List.of(
      "04482255", "vendas@sellershop.com.br", "sao paulo / sao paulo", "sp / sp",
      "sbc\\", "são paulo", "sao paulo\u00B4", "rio de janeiro, rio de janeiro, brasil");

  static final List<String> COMMENTS = List.of(
      "Produto chegou antes do prazo, recomendo.",
      "Muito bom, \"excelente\" qualidade",
      "Não recebi o produto,\r\nentrei em contato e nada.",
      "Chegou rápido.\r\n\r\nEmbalagem ótima, obrigado!",
      "O produto veio com defeito, quero trocar",
      "recomendo, vendedor confiável");

  private final Random random;

  SampleCatalog(Random random) {
    this.random = random;
  }

  String hexId() {
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  int between(int lowInclusive, int highInclusive) {
    return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
  }

  String money(double low, double high) {
    return String.format(java.util.Locale.ROOT, "%.2f", low + random.nextDouble() * (high - low));
  }
}
